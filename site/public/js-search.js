/* Search page (/tim-kiem/): marks <html> when the browser runs module scripts, so the
   "search needs JavaScript" notice is hidden before it is drawn, and — when the address holds a
   query — keeps a screen's height for the results the module script adds, so nothing below
   them moves when they arrive (layout shift). A file, not inline code: the portal's
   Content-Security-Policy allows no inline script. */
if ('noModule' in HTMLScriptElement.prototype) {
  document.documentElement.classList.add('js-search');
  if (/[?&]q=[^&]/.test(location.search)) document.documentElement.classList.add('js-search-query');
}
