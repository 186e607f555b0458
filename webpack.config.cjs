// `npm run build`: dist/chrome/, dist/firefox/ (unpacked extensions) and dist/cli/renewal-radar.cjs.
const path = require('node:path');
const fs = require('node:fs');
const webpack = require('webpack');
const CopyPlugin = require('copy-webpack-plugin');

const pkg = require('./package.json');
const _baseManifest = require('./manifest.json');

const tsRule = { test: /\.tsx?$/, loader: 'ts-loader', options: { transpileOnly: true }, exclude: /node_modules/ };
const resolve = { extensions: ['.ts', '.tsx', '.js', '.mjs'] };

function extension(browser) {
  return {
    name: browser,
    mode: 'production',
    devtool: false,
    entry: {
      background: './src/background/index.ts',
      popup: './src/popup/index.tsx',
      options: './src/options/index.tsx',
    },
    output: { path: path.resolve(__dirname, 'dist', browser), filename: '[name].js', clean: true },
    // The browsers' own promise-based API instead of webextension-polyfill (3 KB gzip per bundle; the worker's
    // budget is 90 KB): src/shared/native-browser.ts adapts the one event Chrome lacks. Types stay the polyfill's.
    resolve: {
      ...resolve,
      alias: { 'webextension-polyfill$': path.resolve(__dirname, 'src/shared/native-browser.ts') },
    },
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
            transform: async (content) => {
              const { manifestFor } = await import('./scripts/manifest.mjs');
              return JSON.stringify(manifestFor(browser, JSON.parse(content.toString()), pkg.version), null, 2);
            },
          },
        ],
      }),
    ],
  };
}

const cli = {
  name: 'cli',
  mode: 'production',
  devtool: false,
  target: 'node20',
  entry: './src/cli/index.ts',
  output: { path: path.resolve(__dirname, 'dist', 'cli'), filename: 'renewal-radar.cjs', clean: true },
  resolve,
  module: { rules: [tsRule] },
  performance: { hints: false },
  optimization: { minimize: false },
  plugins: [
    new webpack.DefinePlugin({ RENEWAL_RADAR_VERSION: JSON.stringify(pkg.version) }),
    new webpack.BannerPlugin({ banner: '#!/usr/bin/env node', raw: true }),
    {
      apply: (c) =>
        c.hooks.afterEmit.tap('chmod', () => fs.chmodSync(path.join(c.outputPath, 'renewal-radar.cjs'), 0o755)),
    },
  ],
};

module.exports = [extension('chrome'), extension('firefox'), cli];
