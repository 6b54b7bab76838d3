// The floor of any gateway for `npm run bench:gateway`: a process that does no GraphQL work at
// all. The bench hands it, per request body, the subgraph calls the stock gateway recorded
// for it (POST /record); for each request it makes exactly those calls, one after the other,
// over a kept-alive connection, and answers with the last call's body. What it costs over
// `direct` is an HTTP hop and a process in between: for a query of one subgraph call (Q3) no
// gateway can cost less; for several, a gateway whose plan makes fewer calls than stock's can.
import { Agent, createServer, request } from 'node:http';

const agent = new Agent({ keepAlive: true });
/** Request body -> the subgraph calls to make for it ({ url, body }). */
const sequences = new Map();

function readBody(stream) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    stream.on('data', (chunk) => chunks.push(chunk));
    stream.once('end', () => resolve(Buffer.concat(chunks)));
    stream.once('error', reject);
  });
}

function call({ url, body }) {
  return new Promise((resolve, reject) => {
    const upstream = request(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (response) =>
        readBody(response).then((answer) => {
          if (response.statusCode === 200) resolve(answer);
          else reject(new Error(`${url}: HTTP ${response.statusCode} ${answer.toString('utf8').slice(0, 200)}`));
        }, reject),
    );
    upstream.once('error', reject);
    upstream.end(body);
  });
}

const server = createServer(async (req, res) => {
  try {
    const body = (await readBody(req)).toString('utf8');
    if (req.url === '/record') {
      for (const [key, calls] of JSON.parse(body)) sequences.set(key, calls);
      res.writeHead(204).end();
      return;
    }
    const calls = sequences.get(body);
    if (!calls) {
      res.writeHead(404).end('no recorded calls for this body');
      return;
    }
    let answer = Buffer.alloc(0);
    for (const c of calls) answer = await call(c);
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': answer.length }).end(answer);
  } catch (error) {
    res.writeHead(502).end(String(error));
  }
});
server.listen(0, '127.0.0.1', () => {
  console.log(`floor ready: http://127.0.0.1:${server.address().port}`);
});
