// Preloaded with `node --import`: records the URL of every module the process loads (through a
// module loader hook) and writes them, one a line, to the file named by REPLBENCH_RECORD_IMPORTS at exit.
import { writeFileSync } from 'node:fs';
import { register } from 'node:module';
import { MessageChannel } from 'node:worker_threads';

const { port1, port2 } = new MessageChannel();
const urls = [];
port1.on('message', (url) => urls.push(url));
port1.unref();
const hooks = `let port;
export function initialize(data) { port = data.port; }
export async function load(url, context, next) { port.postMessage(url); return next(url, context); }`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`, { data: { port: port2 }, transferList: [port2] });
process.on('exit', () => writeFileSync(process.env.REPLBENCH_RECORD_IMPORTS, urls.join('\n')));
