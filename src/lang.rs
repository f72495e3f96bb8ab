//! The two languages of the site, and a text given in them: the lowest
//! floor, known to every other.

use serde::Serialize;

/// A language of the site. The product is bilingual by design: Chinese first, English second.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Zh,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Zh, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    /// The value of `<html lang>` and `hreflang`.
    pub fn html_lang(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "zh" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    pub fn other(self) -> Lang {
        match self {
            Lang::Zh => Lang::En,
            Lang::En => Lang::Zh,
        }
    }
}

/// A text given in one or both languages.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Localized {
    pub zh: Option<String>,
    pub en: Option<String>,
}

impl Localized {
    pub fn both(text: impl Into<String>) -> Self {
        let text = text.into();
        Localized {
            zh: Some(text.clone()),
            en: Some(text),
        }
    }

    pub fn one(lang: Lang, text: impl Into<String>) -> Self {
        let mut localized = Localized::default();
        localized.set(lang, text.into());
        localized
    }

    pub fn get(&self, lang: Lang) -> Option<&str> {
        match lang {
            Lang::Zh => self.zh.as_deref(),
            Lang::En => self.en.as_deref(),
        }
    }

    /// The text in `lang`, or else in the other language.
    pub fn get_or_other(&self, lang: Lang) -> &str {
        self.get(lang)
            .or_else(|| self.get(lang.other()))
            .unwrap_or("")
    }

    pub fn set(&mut self, lang: Lang, text: String) {
        match lang {
            Lang::Zh => self.zh = Some(text),
            Lang::En => self.en = Some(text),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.zh.is_none() && self.en.is_none()
    }

    /// Fill the languages this one lacks from `other`.
    pub fn merge(&mut self, other: Localized) {
        if self.zh.is_none() {
            self.zh = other.zh;
        }
        if self.en.is_none() {
            self.en = other.en;
        }
    }
}
