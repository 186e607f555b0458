import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { InputTooLargeError, MAX_LIST_BYTES } from './host-list';
import { run } from './main';
import { closeHttp } from './node-transports';

/**
 * Reads --from-file (a path, or "-" for standard input) and stops as soon as it passes MAX_LIST_BYTES, before
 * memory grows: a 400 MB stdin, /dev/zero or a FIFO that never ends are refused after 10 MB, not read to the end.
 */
async function readInput(path: string): Promise<Uint8Array> {
  const stream: Readable = path === '-' ? process.stdin : createReadStream(path);
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const c of stream) {
      size += (c as Buffer).length;
      if (size > MAX_LIST_BYTES) throw new InputTooLargeError(MAX_LIST_BYTES);
      chunks.push(c as Buffer);
    }
  } finally {
    // Standard input may still be writing: stop reading it (the writer gets EPIPE, we exit).
    if (path === '-') process.stdin.destroy();
    else stream.destroy();
  }
  return new Uint8Array(Buffer.concat(chunks));
}

// `renewal-radar check … | head -1`: once the reader is gone, what is left to print is dropped quietly (no EPIPE
// stack trace) and the run ends with its usual exit code.
let stdoutGone = false;
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') stdoutGone = true;
  else throw e;
});
process.stderr.on('error', () => {});

void run(process.argv.slice(2), {
  stdout: (s) => {
    if (!stdoutGone) process.stdout.write(`${s}\n`);
  },
  stderr: (s) => process.stderr.write(`${s}\n`),
  env: process.env,
  isTTY: Boolean(process.stdout.isTTY),
  errIsTTY: Boolean(process.stderr.isTTY),
  readFile: readInput,
}).then((code) => {
  process.exitCode = code;
  closeHttp();
});
