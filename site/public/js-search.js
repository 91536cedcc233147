/* Search page (/tim-kiem/): marks <html> when the browser runs module scripts, so the
   "search needs JavaScript" notice is hidden before it is drawn. A file, not inline code:
   the portal's Content-Security-Policy allows no inline script. */
if ('noModule' in HTMLScriptElement.prototype) document.documentElement.classList.add('js-search');
