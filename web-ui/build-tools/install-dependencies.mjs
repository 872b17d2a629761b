// Installs the dashboard's npm dependencies for the Maven build.
//
// `npm ci` wipes and reinstalls node_modules, which costs tens of seconds on every build. After a successful
// install we record a stamp of what was installed (the lockfile's SHA-256, the Node version and the platform);
// when the stamp still matches, node_modules is exactly what `npm ci` would produce and the install is skipped.
// `npm ci` deletes node_modules first, so a failed or interrupted install never leaves a matching stamp behind.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const REQUIRED_NODE = [20, 19];
const STAMP = 'node_modules/.din-install-stamp';

function checkNodeVersion() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  const [needMajor, needMinor] = REQUIRED_NODE;
  if (major < needMajor || (major === needMajor && minor < needMinor)) {
    console.error(
      `The dashboard (web-ui) needs Node.js ${needMajor}.${needMinor} or newer to build, ` +
        `but 'node' on the PATH is ${process.versions.node}. Install a current Node.js LTS and build again.`,
    );
    process.exit(1);
  }
}

function installedStamp() {
  const lockfile = readFileSync('package-lock.json');
  const lockHash = createHash('sha256').update(lockfile).digest('hex');
  return `${lockHash} node-${process.versions.node} ${process.platform}-${process.arch}\n`;
}

checkNodeVersion();
const wanted = installedStamp();
if (existsSync(STAMP) && readFileSync(STAMP, 'utf8') === wanted) {
  console.log('web-ui: node_modules matches package-lock.json, skipping npm ci');
  process.exit(0);
}
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const result = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], { stdio: 'inherit', shell: process.platform === 'win32' });
if (result.status !== 0) {
  console.error(`web-ui: npm ci failed (exit ${result.status ?? result.signal}); see the npm output above.`);
  process.exit(result.status ?? 1);
}
writeFileSync(STAMP, wanted);
