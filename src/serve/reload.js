// Added by `chengguo serve` to the pages it serves, never to `chengguo build`
// output: reloads the page after each good build and shows a failed build's
// diagnostics over the last good page until the next good build.
(() => {
  const script = document.querySelector('script[data-chengguo-reload]');
  if (!script || !window.EventSource) return;
  const loaded = Number(script.dataset.generation);
  const zh = (document.documentElement.lang || '').startsWith('zh');
  const source = new EventSource(script.dataset.events);
  let overlay = null;

  function show(text) {
    if (!overlay) {
      overlay = document.createElement('div');
      overlay.id = 'chengguo-build-error';
      overlay.setAttribute('role', 'alert');
      Object.assign(overlay.style, {
        position: 'fixed', inset: '0', zIndex: '2147483647', overflow: 'auto',
        background: 'rgba(24, 24, 24, 0.95)', color: '#ffe0e0', padding: '1.5rem',
        font: '15px/1.5 system-ui, sans-serif',
      });
      const title = document.createElement('p');
      title.style.fontWeight = 'bold';
      title.textContent = zh
        ? '构建失败:改正下面的问题后页面会自动刷新。此刻显示的是上一次成功构建的站点。'
        : 'The build failed: fix the problems below and the page reloads. Underneath is the last good build.';
      const pre = document.createElement('pre');
      Object.assign(pre.style, { whiteSpace: 'pre-wrap', font: '14px/1.45 ui-monospace, monospace' });
      overlay.append(title, pre);
      document.body.append(overlay);
    }
    overlay.querySelector('pre').textContent = text;
  }

  function hide() {
    if (overlay) overlay.remove();
    overlay = null;
  }

  source.addEventListener('status', (event) => {
    // Marks the page as listening (tests wait for it).
    script.dataset.connected = 'true';
    const status = JSON.parse(event.data);
    if (status.error) {
      show(status.error);
      return;
    }
    hide();
    if (status.generation !== loaded) {
      source.close();
      location.reload();
    }
  });
})();
