import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { isSecretName, maskDeep, maskSecrets } from '../../src/activity/mask';

// [input, expected]: every secret becomes ****, everything else stays as it was.
const MASKED: Array<[string, string]> = [
  // HTTP headers
  [`curl -H "Authorization: Bearer abc.def-123" https://api.x.io`, `curl -H "Authorization: Bearer ****" https://api.x.io`],
  [`curl -H 'authorization: token ghx123456'`, `curl -H 'authorization: token ****'`],
  [`curl -H "Authorization: Basic dXNlcjpwdw=="`, `curl -H "Authorization: Basic ****"`],
  [`curl --header "X-Api-Key: k-123" u`, `curl --header "X-Api-Key: ****" u`],
  [`curl -H 'Cookie: session=abc; csrftoken=def' u`, `curl -H 'Cookie: ****' u`],
  [`curl -H "PRIVATE-TOKEN: glx-abc" u`, `curl -H "PRIVATE-TOKEN: ****" u`],
  // URLs
  [`psql postgres://app:s3cr3t@db.prod:5432/app`, `psql postgres://app:****@db.prod:5432/app`],
  [`psql "postgresql://app:p@ss@db/app"`, `psql "postgresql://app:****@db/app"`],
  [`mongosh mongodb+srv://root:hunter2@cluster0.x.net/db`, `mongosh mongodb+srv://root:****@cluster0.x.net/db`],
  [`redis-cli -u redis://:pw123@cache:6379`, `redis-cli -u redis://:****@cache:6379`],
  [`git clone https://0123456789abcdef0123456789abcdef01234567@github.com/o/r`, `git clone https://****@github.com/o/r`],
  [`curl 'https://x.io/api?access_token=abc123&page=2'`, `curl 'https://x.io/api?access_token=****&page=2'`],
  [`curl "https://maps.x.com/q?key=AIzaXX&sig=abc"`, `curl "https://maps.x.com/q?key=****&sig=****"`],
  [`curl https://b.s3.amazonaws.com/f?X-Amz-Signature=abcd&X-Amz-Credential=AK/x`, `curl https://b.s3.amazonaws.com/f?X-Amz-Signature=****&X-Amz-Credential=****`],
  // flags
  [`mysql -uroot -psecret db`, `mysql -uroot -p**** db`],
  [`mysqldump -h db -u root -p'my pw' app`, `mysqldump -h db -u root -p'****' app`],
  [`mysql --password=hunter2 -e "DROP TABLE x"`, `mysql --password=**** -e "DROP TABLE x"`],
  [`psql --password x -h db`, `psql --password **** -h db`],
  [`vault login --token s.abcdef`, `vault login --token ****`],
  [`az login --client-secret "a b c" --tenant t`, `az login --client-secret "****" --tenant t`],
  [`gh auth login --with-token --api-key=k1`, `gh auth login --with-token --api-key=****`],
  [`curl -u admin:hunter2 https://x.io`, `curl -u admin:**** https://x.io`],
  [`curl --user 'admin:hunter2' https://x.io`, `curl --user 'admin:****' https://x.io`],
  [`sshpass -p hunter2 ssh host`, `sshpass -p **** ssh host`],
  [`redis-cli -h cache -a hunter2 FLUSHALL`, `redis-cli -h cache -a **** FLUSHALL`],
  [`docker login -u me -p hunter2 registry.io`, `docker login -u me -p **** registry.io`],
  // environment
  [`AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG aws s3 rm s3://b --recursive`, `AWS_SECRET_ACCESS_KEY=**** aws s3 rm s3://b --recursive`],
  [`export GITHUB_TOKEN="abc def"`, `export GITHUB_TOKEN="****"`],
  [`PGPASSWORD=pw psql -h db`, `PGPASSWORD=**** psql -h db`],
  [`MYSQL_PWD=pw mysql`, `MYSQL_PWD=**** mysql`],
  [`env DB_PASS=x STRIPE_KEY=y node app.js`, `env DB_PASS=**** STRIPE_KEY=**** node app.js`],
  [`$env:OPENAI_API_KEY = 'abc'`, `$env:OPENAI_API_KEY = '****'`],
  [`set DATABASE_PASSWORD=abc&& run`, `set DATABASE_PASSWORD=****&& run`],
  [`DefaultEndpointsProtocol=https;AccountName=a;AccountKey=abc==;EndpointSuffix=core`, `DefaultEndpointsProtocol=https;AccountName=a;AccountKey=****;EndpointSuffix=core`],
  // JSON / YAML
  [`{"user":"a","password":"p\\"w","apiKey":"k"}`, `{"user":"a","password":"****","apiKey":"****"}`],
  [`client_secret: abc123`, `client_secret: ****`],
  // token shapes anywhere
  [`echo ghp_abcdefghijklmnopqrstuvwxyz0123456789`, `echo ghp_****`],
  [`x github_pat_11ABCDEFG0123456789_abcdefghijklmnop`, `x github_pat_****`],
  [`OPENAI=sk-proj-abcDEF123ghiJKL456mnoPQR789`, `OPENAI=sk-proj-****`],
  [`key sk-ant-api03-abcdefghijklmnop0123456789`, `key sk-ant-api03-****`],
  [`tok=xoxb-1234567890-abcdefghij`, `tok=xoxb-****`],
  [`id AKIAIOSFODNN7EXAMPLE ok`, `id AKIA**** ok`],
  [`npm_abcdefghijklmnopqrstuvwxyz0123456789`, `npm_****`],
  [`glpat-abcdefghij0123456789`, `glpat-****`],
  [`sk_live_abcdefghijklmnop1234`, `sk_live_****`],
  [`hf_abcdefghijklmnopqrstuvwxyz012345`, `hf_****`],
  [`t eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NSJ9.abcdefghijklmnop`, `t eyJ****`],
  [`curl -X POST https://hooks.slack.com/services/T000/B000/XXXXXXXX -d x`, `curl -X POST https://hooks.slack.com/services/**** -d x`],
  ['-----BEGIN RSA PRIVATE KEY-----\nMIIabc\n-----END RSA PRIVATE KEY-----', '-----BEGIN RSA PRIVATE KEY-----****-----END RSA PRIVATE KEY-----'],
];

// Ordinary text that looks close to a secret but is not one: left exactly as it is.
const UNCHANGED: string[] = [
  'mkdir -p build/out',
  'ssh -p 2222 host',
  'docker run -p 8080:80 nginx',
  'mysql -p -u root',
  'git commit -m "fix token refresh and password reset"',
  'echo $PWD && PWD=/tmp ls',
  'TOKENIZERS_PARALLELISM=false python train.py',
  'GIT_AUTHOR_NAME=me git commit',
  'curl https://api.github.com/repos/o/r',
  'curl -H "Authorization: Bearer $GITHUB_TOKEN" https://api.github.com',
  'export GITHUB_TOKEN=${GITHUB_TOKEN}',
  'docker login --password-stdin -u me',
  'git push origin sk-some-feature-branch-name',
  'psql -h db.prod -U app -c "DROP TABLE users"',
  'rm -rf ~/project/node_modules',
  'ls http://localhost:3000/',
  '{"host":"db","port":5432}',
  'PUBLIC_KEY=ssh-ed25519AAAA',
];

describe('maskSecrets', () => {
  for (const [input, expected] of MASKED) {
    it(`masks ${JSON.stringify(input).slice(0, 70)}`, () => {
      assert.equal(maskSecrets(input), expected);
      assert.equal(maskSecrets(expected), expected, 'masking is idempotent');
    });
  }
  for (const input of UNCHANGED) {
    it(`leaves ${JSON.stringify(input)}`, () => assert.equal(maskSecrets(input), input));
  }
  it('masks every string of an object, keeping keys and other values', () => {
    const out = maskDeep({ a: 'PGPASSWORD=x psql', n: 3, list: ['ghp_abcdefghijklmnopqrstuvwxyz0123456789'], nested: { ok: true } });
    assert.deepEqual(out, { a: 'PGPASSWORD=**** psql', n: 3, list: ['ghp_****'], nested: { ok: true } });
  });
  it('is fast enough for long command lines', () => {
    const long = 'echo ' + 'a=b '.repeat(20_000) + 'x'.repeat(50_000);
    const t0 = performance.now();
    maskSecrets(long);
    assert.ok(performance.now() - t0 < 500, 'masking 130 kB took more than 500 ms');
  });
});

describe('isSecretName', () => {
  const yes = ['password', 'DB_PASSWORD', 'PGPASSWORD', 'apiKey', 'OPENAI_API_KEY', 'client_secret', 'GITHUB_TOKEN', 'accessToken', 'AccountKey', 'NPM_AUTH', 'db_pwd'];
  const no = ['PWD', 'OLDPWD', 'PATH', 'HOME', 'TOKENIZERS_PARALLELISM', 'GIT_AUTHOR_NAME', 'PUBLIC_KEY', 'key', 'monkey', 'user', 'host'];
  for (const n of yes) it(`${n} is a secret name`, () => assert.equal(isSecretName(n), true));
  for (const n of no) it(`${n} is not`, () => assert.equal(isSecretName(n), false));
});
