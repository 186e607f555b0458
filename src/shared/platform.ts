// Which browser this build is for: webpack's DefinePlugin replaces __BROWSER__ per bundle (webpack.config.js), so
// the other browser's branch is dropped from each build. Undefined outside a bundle (unit tests): Chrome.
declare const __BROWSER__: 'chrome' | 'firefox';

export const BROWSER: 'chrome' | 'firefox' = typeof __BROWSER__ !== 'undefined' ? __BROWSER__ : 'chrome';
export const IS_FIREFOX = BROWSER === 'firefox';
