//! The library's modules depend on each other one way only: no module reaches,
//! through others, back to itself. Read from the source, as a reader would:
//! every `crate::name` outside comments and test modules is an edge from the
//! top-level module the file belongs to.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

type Graph = BTreeMap<String, BTreeSet<String>>;

fn module_graph(src: &Path) -> Graph {
    let mut graph = Graph::new();
    for item in walkdir::WalkDir::new(src) {
        let item = item.expect("src/ is readable");
        let path = item.path();
        if path.extension().is_none_or(|ext| ext != "rs") {
            continue;
        }
        let relative = path.strip_prefix(src).unwrap();
        let first = relative.components().next().unwrap().as_os_str();
        let module = first.to_string_lossy().trim_end_matches(".rs").to_string();
        if module == "lib" || module == "main" {
            continue;
        }
        let text = std::fs::read_to_string(path).unwrap();
        let edges = graph.entry(module.clone()).or_default();
        for name in crate_references(&text) {
            if name != module {
                edges.insert(name);
            }
        }
    }
    let modules: BTreeSet<String> = graph.keys().cloned().collect();
    for edges in graph.values_mut() {
        edges.retain(|name| modules.contains(name));
    }
    graph
}

/// The names after `crate::` in code (not comments, not `#[cfg(test)]`
/// modules), including each name of a `crate::{a, b::c}` group.
fn crate_references(text: &str) -> BTreeSet<String> {
    let code = text.split("#[cfg(test)]").next().unwrap_or("");
    let mut names = BTreeSet::new();
    for line in code.lines() {
        let line = line.split("//").next().unwrap_or("");
        let mut rest = line;
        while let Some(at) = rest.find("crate::") {
            rest = &rest[at + "crate::".len()..];
            if let Some(group) = rest.strip_prefix('{') {
                let group = group.split('}').next().unwrap_or("");
                names.extend(group.split(',').filter_map(first_name));
            } else if let Some(name) = first_name(rest) {
                names.insert(name);
            }
        }
    }
    // A `crate::{…}` group written over several lines.
    for group in code.split("crate::{").skip(1) {
        let group = group.split('}').next().unwrap_or("");
        names.extend(group.split(',').filter_map(first_name));
    }
    names
}

fn first_name(text: &str) -> Option<String> {
    let name: String = text
        .trim_start()
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    (!name.is_empty()).then_some(name)
}

/// A path of modules that leads from one back to itself, if there is one.
fn find_cycle(graph: &Graph) -> Option<Vec<String>> {
    fn visit(
        graph: &Graph,
        module: &str,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(start) = path.iter().position(|m| m == module) {
            let mut cycle = path[start..].to_vec();
            cycle.push(module.to_string());
            return Some(cycle);
        }
        if done.contains(module) {
            return None;
        }
        path.push(module.to_string());
        for next in graph.get(module).into_iter().flatten() {
            if let Some(cycle) = visit(graph, next, path, done) {
                return Some(cycle);
            }
        }
        path.pop();
        done.insert(module.to_string());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|module| visit(graph, module, &mut Vec::new(), &mut done))
}

#[test]
fn modules_depend_on_each_other_one_way_only() {
    let graph = module_graph(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"));
    assert!(graph.len() > 10, "the modules were found: {graph:?}");
    assert!(
        graph["render"].contains("entry"),
        "edges were read: {graph:?}"
    );
    if let Some(cycle) = find_cycle(&graph) {
        panic!(
            "the modules depend on each other in a cycle: {}",
            cycle.join(" → ")
        );
    }
}

#[test]
fn a_cycle_is_found_where_there_is_one() {
    let text = "use crate::b::Thing;\n// crate::c is only named here\nfn f() { crate::{d, e::f}; }";
    let names: Vec<String> = crate_references(text).into_iter().collect();
    assert_eq!(names, ["b", "d", "e"]);
    let mut graph = Graph::new();
    for (from, to) in [("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")] {
        graph.entry(from.into()).or_default().insert(to.into());
        graph.entry(to.into()).or_default();
    }
    assert_eq!(find_cycle(&graph).unwrap(), ["a", "b", "c", "a"]);
    graph.get_mut("c").unwrap().remove("a");
    assert_eq!(find_cycle(&graph), None);
}
