import { type ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import { PACKAGE_ROOT } from '../../src/paths.js';
import { compiledService } from './compiled.js';

export async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * `npm start`'s program (the compiled service) in a child process on
 * 127.0.0.1, so it can be killed for real and does not share the test's event
 * loop. Resolves once /api/health answers; rejects if the process exits first.
 * No deadline of its own: on a loaded machine a start may take long, and the
 * test's timeout is what says "hung".
 */
export async function startServiceProcess(dataDir: string, port: number, env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, [compiledService()], {
    cwd: PACKAGE_ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', ...env },
    stdio: 'ignore',
  });
  const exited = new Promise<never>((_resolve, reject) =>
    child.once('exit', (code, signal) => reject(new Error(`service exited before it answered (code ${code}, signal ${signal})`))),
  );
  exited.catch(() => {});
  for (;;) {
    const healthy = await Promise.race([
      fetch(`http://127.0.0.1:${port}/api/health`).then(
        (r) => r.ok,
        () => false,
      ),
      exited,
    ]);
    if (healthy) return child;
    await Promise.race([new Promise((resolve) => setTimeout(resolve, 100)), exited]);
  }
}
