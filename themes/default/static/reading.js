// Reading modes: larger text and high contrast, for older readers (适老化).
// Loaded in <head>, not deferred, so the saved modes are set on <html>
// before the page is drawn (no flash); the header's buttons switch them
// and the choice is kept in localStorage for every page of the site.
(function () {
  'use strict';
  var KEY = 'chengguo-reading-modes';
  var MODES = ['large', 'contrast'];
  var root = document.documentElement;

  function saved() {
    try { return (localStorage.getItem(KEY) || '').split(' '); } catch (e) { return []; }
  }
  function save() {
    var on = MODES.filter(function (mode) { return root.classList.contains('mode-' + mode); });
    try { localStorage.setItem(KEY, on.join(' ')); } catch (e) { /* private mode: not kept */ }
  }
  saved().forEach(function (mode) {
    if (MODES.indexOf(mode) >= 0) root.classList.add('mode-' + mode);
  });

  function setUp() {
    var group = document.querySelector('.reading-modes');
    if (!group) return;
    group.querySelectorAll('button[data-reading-mode]').forEach(function (button) {
      var mode = button.getAttribute('data-reading-mode');
      button.setAttribute('aria-pressed', String(root.classList.contains('mode-' + mode)));
      button.addEventListener('click', function () {
        var on = root.classList.toggle('mode-' + mode);
        button.setAttribute('aria-pressed', String(on));
        save();
      });
    });
    group.hidden = false;
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', setUp);
  else setUp();
})();
