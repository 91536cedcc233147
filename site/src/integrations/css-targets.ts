/**
 * The browsers the site's CSS is built for, from one browserslist query (`browserslist` in
 * site/package.json): Android phones of the Android 5–7 era and their in-app WebViews
 * (Chrome/WebView 61+), Samsung Internet 8+, Safari/iOS 12+, Firefox 60+, Edge 79+.
 *
 * Lightning CSS lowers what those browsers lack when Vite transforms and minifies the CSS:
 * range media queries (`(width<=40rem)`, Chrome < 104, Samsung Internet < 20, Safari < 16.4),
 * nesting, `:is()`, logical shorthands, `color-mix()`… (issue 13, point 1).
 * tests: site/src/integrations/css-targets.test.ts checks the built CSS for such syntax.
 */
import browserslist from 'browserslist';
import { browserslistToTargets, type Targets } from 'lightningcss';
import path from 'node:path';

const siteDir = path.resolve(import.meta.dirname, '..', '..');

/** The browserslist query of site/package.json, resolved to browser versions (`['chrome 61', …]`). */
export function siteBrowsers(): string[] {
  const query = browserslist.loadConfig({ path: siteDir });
  if (!query) throw new Error(`no browserslist configuration in ${siteDir}/package.json`);
  return browserslist(query);
}

/** Lightning CSS targets (its `major << 16 | minor << 8` encoding) for {@link siteBrowsers}. */
export function lightningcssTargets(): Targets {
  return browserslistToTargets(siteBrowsers());
}

/** esbuild-style names Vite's `build.cssTarget` accepts, by Lightning CSS browser key. */
const ESBUILD_NAMES: Partial<Record<keyof Targets, string>> = {
  chrome: 'chrome',
  edge: 'edge',
  firefox: 'firefox',
  safari: 'safari',
  ios_saf: 'ios',
  opera: 'opera',
};

/**
 * The same floor as `build.cssTarget` (`['chrome61', 'safari12', …]`): Vite's CSS minifier takes
 * its targets from there, not from `css.lightningcss.targets`. Samsung Internet and Android
 * WebView have no esbuild name; their engines are Chromium versions at or above the `chrome`
 * floor (Samsung Internet 8 = Chromium 63), so the `chrome` entry covers them.
 */
export function viteCssTarget(): string[] {
  const targets = lightningcssTargets();
  const out: string[] = [];
  for (const [key, name] of Object.entries(ESBUILD_NAMES)) {
    const v = targets[key as keyof Targets];
    if (v === undefined) continue;
    const major = v >> 16;
    const minor = (v >> 8) & 0xff;
    out.push(`${name}${major}${minor ? `.${minor}` : ''}`);
  }
  return out;
}
