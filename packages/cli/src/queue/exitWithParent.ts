import { Worker } from 'node:worker_threads';

// Runs in its own thread, so it acts even while the main thread is inside a long synchronous
// stretch of training (when the main thread would never see a 'disconnect' event).
const watchdog = `
const { workerData } = require('node:worker_threads');
setInterval(() => {
  if (process.ppid !== workerData.ppid) process.kill(process.pid, 'SIGKILL');
}, 250);
`;

/**
 * Ends this process as soon as its parent is gone: in a job process of `qfcn worker`, a worker
 * killed with SIGKILL (or a lost machine's) takes its jobs' processes with it, so only the worker
 * that takes a job over writes that member's checkpoint, resuming from the last one.
 *
 * When to use: once, at the start of a forked child process. Does nothing in a process that was not
 * forked (no IPC channel).
 *
 * Details: a watchdog thread (unref'd, it keeps nothing alive) checks the parent process id every
 * 250 ms and kills this process when it has changed (orphans are re-parented); a 'disconnect' of
 * the IPC channel also ends the process.
 *
 * @example
 * exitWithParent();
 */
export function exitWithParent(): void {
  if (!process.send) return;
  process.on('disconnect', () => process.exit(1));
  new Worker(watchdog, { eval: true, workerData: { ppid: process.ppid } }).unref();
}
