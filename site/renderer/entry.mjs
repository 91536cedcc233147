/**
 * Server entry of the renderer's build (adapter.mjs): exports Astro's `App` over the build's
 * manifest, which the renderer (renderer.ts) loads once and asks to render one page at a time.
 * Not a web server: nothing here listens.
 */
import { createApp } from 'astro/app/entrypoint';

/** The build's App (non-streaming: a page is rendered into one string). */
export const app = createApp({ streaming: false });
