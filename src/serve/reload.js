// Added by `chengguo serve` to the pages it serves, never to `chengguo build`
// output: brings the page up to date after each good build and shows a failed
// build's diagnostics over the last good page until the next good build.
(() => {
  const first = document.querySelector('script[data-chengguo-reload]');
  if (!first || !window.EventSource) return;
  let current = Number(first.dataset.generation);
  const zh = (document.documentElement.lang || '').startsWith('zh');
  const source = new EventSource(first.dataset.events);
  let overlay = null;
  let latest = null;
  let busy = false;

  // Marks the page as listening and up to date (tests wait for it).
  function mark() {
    const script = document.querySelector('script[data-chengguo-reload]');
    if (script) script.dataset.connected = 'true';
  }

  function show(text) {
    if (!overlay) {
      overlay = document.createElement('div');
      overlay.id = 'chengguo-build-error';
      overlay.setAttribute('role', 'alert');
      Object.assign(overlay.style, {
        position: 'fixed', inset: '0', zIndex: '2147483647', overflow: 'auto',
        background: '#1b1b1b', color: '#ffe8e8', padding: '1.5rem',
        font: '15px/1.5 system-ui, sans-serif',
      });
      const title = document.createElement('p');
      title.style.fontWeight = 'bold';
      title.textContent = zh
        ? '构建失败:改正下面的问题后页面会自动刷新。此刻显示的是上一次成功构建的站点。'
        : 'The build failed: fix the problems below and the page reloads. Underneath is the last good build.';
      const pre = document.createElement('pre');
      Object.assign(pre.style, { whiteSpace: 'pre-wrap', font: '14px/1.45 ui-monospace, monospace' });
      const close = document.createElement('button');
      close.type = 'button';
      close.textContent = zh ? '关闭,查看上一次成功构建的页面' : 'Close and see the last good page';
      close.addEventListener('click', () => overlay.remove());
      overlay.append(title, pre, close);
    }
    overlay.querySelector('pre').textContent = text;
    if (!overlay.isConnected) document.body.append(overlay);
  }

  function hide() {
    if (overlay) overlay.remove();
    overlay = null;
  }

  // A page with scripts of its own (the search page) or a changed stylesheet
  // reloads in full; any other page swaps in its new body, keeping its scroll.
  async function update(status) {
    const ownScripts = document.querySelector('script[src]:not([data-chengguo-reload])');
    if (ownScripts || status.assets > current) {
      source.close();
      location.reload();
      return false;
    }
    const response = await fetch(location.href, { cache: 'no-store' });
    if (!response.ok) throw new Error(`${response.status}`);
    const next = new DOMParser().parseFromString(await response.text(), 'text/html');
    const script = next.querySelector('script[data-chengguo-reload]');
    if (!script || next.querySelector('script[src]:not([data-chengguo-reload])')) throw new Error('scripts');
    document.title = next.title;
    document.documentElement.lang = next.documentElement.lang;
    document.body.replaceWith(document.adoptNode(next.body));
    current = Number(script.dataset.generation);
    return true;
  }

  async function settle() {
    if (busy) return;
    busy = true;
    try {
      while (latest && !latest.error && latest.generation !== current) {
        if (!(await update(latest))) return;
      }
    } catch {
      source.close();
      location.reload();
      return;
    } finally {
      busy = false;
    }
    mark();
  }

  source.addEventListener('status', (event) => {
    latest = JSON.parse(event.data);
    if (latest.error) {
      show(latest.error);
      mark();
      return;
    }
    hide();
    settle();
  });
})();
