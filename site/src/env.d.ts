/**
 * `Astro.locals` of the site's pages. `pageProps`: the props of a page rendered by the
 * long-running renderer (site/renderer/renderer.ts), which calls the page's getStaticPaths()
 * itself — in its server build `Astro.props` is empty. Every page reads
 * `(Astro.locals.pageProps ?? Astro.props) as Props` (docs/contributing.md).
 */
declare namespace App {
  interface Locals {
    pageProps?: Record<string, unknown>;
  }
}
