// The build (ESM: package.json declares "type": "module").
// `npm run build`: dist/chrome/, dist/firefox/ (unpacked extensions) and dist/cli/renewal-radar.cjs, minified,
//   without source maps, reproducible (scripts/package.mjs zips them; test/cli/reproducible-build.test.ts).
// `npm run dev`: webpack --mode development --watch for both browsers: unminified, with source maps (separate
//   .map files: the extension pages' CSP forbids eval, so no eval-based devtool), rebuilt on every save.
import { chmodSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import CopyPlugin from 'copy-webpack-plugin';
import webpack from 'webpack';
import { manifestFor } from './scripts/manifest.mjs';

const ROOT = path.dirname(fileURLToPath(import.meta.url));
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

const tsRule = { test: /\.tsx?$/, loader: 'ts-loader', options: { transpileOnly: true }, exclude: /node_modules/ };
const resolve = { extensions: ['.ts', '.tsx', '.js', '.mjs'] };

function extension(browser, dev) {
  return {
    name: browser,
    mode: dev ? 'development' : 'production',
    devtool: dev ? 'source-map' : false,
    entry: {
      background: './src/background/index.ts',
      popup: './src/popup/index.tsx',
      options: './src/options/index.tsx',
    },
    output: { path: path.resolve(ROOT, 'dist', browser), filename: '[name].js', clean: true },
    resolve,
    module: { rules: [tsRule] },
    performance: { hints: false },
    optimization: { splitChunks: false },
    plugins: [
      new webpack.DefinePlugin({
        __BROWSER__: JSON.stringify(browser),
        RENEWAL_RADAR_VERSION: JSON.stringify(pkg.version),
      }),
      new CopyPlugin({
        patterns: [
          { from: 'src/popup/popup.html' },
          { from: 'src/options/options.html' },
          { from: 'src/ui/ui.css' },
          { from: '_locales', to: '_locales' },
          { from: 'icons/*.png' },
          {
            from: 'manifest.json',
            transform: (content) =>
              JSON.stringify(manifestFor(browser, JSON.parse(content.toString()), pkg.version), null, 2),
          },
        ],
      }),
    ],
  };
}

function cli(dev) {
  return {
    name: 'cli',
    mode: dev ? 'development' : 'production',
    // Node reads the map with --enable-source-maps.
    devtool: dev ? 'source-map' : false,
    target: 'node20',
    entry: './src/cli/index.ts',
    output: { path: path.resolve(ROOT, 'dist', 'cli'), filename: 'renewal-radar.cjs', clean: true },
    resolve,
    module: { rules: [tsRule] },
    performance: { hints: false },
    optimization: { minimize: false },
    plugins: [
      new webpack.DefinePlugin({ RENEWAL_RADAR_VERSION: JSON.stringify(pkg.version) }),
      new webpack.BannerPlugin({ banner: '#!/usr/bin/env node', raw: true }),
      {
        apply: (c) =>
          c.hooks.afterEmit.tap('chmod', () => chmodSync(path.join(c.outputPath, 'renewal-radar.cjs'), 0o755)),
      },
    ],
  };
}

// webpack-cli passes --mode as argv.mode; `--config-name chrome` (or firefox, cli) builds one of the three.
export default (_env, argv = {}) => {
  const dev = argv.mode === 'development';
  return [extension('chrome', dev), extension('firefox', dev), cli(dev)];
};
