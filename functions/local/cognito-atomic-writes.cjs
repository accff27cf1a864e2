/**
 * Loaded into cognito-local's process before it starts. Its store (stormdb) saves a pool by fs.writeFile over the
 * file itself, with no ordering: a kill -9 mid-write leaves the pool torn, and two saves at once (two sign-ups) can
 * interleave into a file that is neither. Here every save goes to a temporary file renamed over the old one (a
 * rename is atomic, so the file is always one whole save), one save at a time per file, in the order asked.
 */
const fs = require('node:fs');
const { dirname } = require('node:path');

function makeAtomic(LocalEngine) {
  const queues = new Map();
  let seq = 0;
  LocalEngine.prototype.write = function write(data) {
    const path = this.path;
    const body = this.serialize(data);
    const save = () => new Promise((resolve, reject) => {
      const tmp = `${path}.${process.pid}.${++seq}.tmp`;
      fs.writeFile(tmp, body, (err) => {
        if (err) return reject(err);
        fs.rename(tmp, path, (err2) => (err2 ? reject(err2) : resolve()));
      });
    });
    const done = (queues.get(path) ?? Promise.resolve()).then(save, save);
    queues.set(path, done.catch(() => {}));
    if (this.async) return done;
    // Sync callers (stormdb's init of a new file) get a sync write, still by rename.
    const tmp = `${path}.${process.pid}.${++seq}.tmp`;
    fs.writeFileSync(tmp, body);
    fs.renameSync(tmp, path);
    return null;
  };
}

/** Patches the stormdb that cognito-local (at cognitoLocalBin) will load. */
function patchStormdb(cognitoLocalBin) {
  const engine = require.resolve('stormdb/src/engine/local.js', { paths: [dirname(cognitoLocalBin)] });
  makeAtomic(require(engine));
}

module.exports = { makeAtomic, patchStormdb };
