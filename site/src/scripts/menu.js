/**
 * Escape closes the main navigation's drop-down menus and the collapsed menu of narrow screens (WCAG 1.4.13: content shown on hover or
 * focus can be dismissed without moving the pointer or the focus). The menus open with CSS
 * alone (:hover, :focus-within), so without this script they still work; it only adds the
 * Escape key. A closed menu opens again once the pointer or the focus has left its item.
 * Loaded as a file of its own (the CSP allows no inline script), plain JavaScript for old
 * engines (no optional chaining, no :scope).
 */
// the collapsed menu of narrow screens (a <details>): Escape closes it, the focus back on its summary
var menu = document.querySelector('details.menu');
if (menu) {
  menu.addEventListener('keydown', function (event) {
    if ((event.key !== 'Escape' && event.key !== 'Esc') || !menu.open) return;
    menu.open = false;
    menu.querySelector('summary').focus();
  });
}
var nav = document.querySelector('.mainnav');
if (nav) {
  document.addEventListener('keydown', function (event) {
    if (event.key !== 'Escape' && event.key !== 'Esc') return;
    var subs = nav.querySelectorAll('.sub');
    for (var i = 0; i < subs.length; i++) {
      var item = subs[i].parentElement;
      if (!item || getComputedStyle(subs[i]).display === 'none') continue;
      item.classList.add('sub-closed');
      // the focus inside the closed menu goes back to the menu's own link
      if (item.contains(document.activeElement) && item.firstElementChild) item.firstElementChild.focus();
    }
  });
  var items = nav.querySelectorAll('li');
  for (var j = 0; j < items.length; j++) {
    items[j].addEventListener('mouseleave', function (event) {
      event.currentTarget.classList.remove('sub-closed');
    });
    items[j].addEventListener('focusout', function (event) {
      if (!event.currentTarget.contains(event.relatedTarget)) event.currentTarget.classList.remove('sub-closed');
    });
  }
}
