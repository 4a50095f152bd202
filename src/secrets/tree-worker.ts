/** Worker thread for tree scans: scans the files it is sent and posts the results back. */
import { parentPort, workerData } from 'node:worker_threads';
import { scanOneFile, type FileScanOptions } from './files.js';

const { root, opts } = workerData as { root: string; opts: FileScanOptions };
parentPort!.on('message', (files: string[] | null) => {
  if (files === null) {
    process.exit(0);
  }
  parentPort!.postMessage(files.map((f) => scanOneFile(root, f, opts)));
});
