import { defineSqlRule } from '../../rule';
import { isScratchTable, reportRisk } from '../../sql/risk';

/** Statements that remove or rewrite rows, which the switched-off checks would otherwise have guarded. */
const GUARDED = /^(DELETE|UPDATE|TRUNCATE|DROP (TABLE|DATABASE|SCHEMA)|ALTER TABLE|REPLACE INTO|INSERT OR REPLACE|INSERT OVERWRITE|MERGE)$/;

export default defineSqlRule({
  meta: {
    id: 'sql/safety-switch-write',
    decision: 'block',
    severity: 'high',
    description: 'A write that runs after a safety switch was turned off in the same script (FOREIGN_KEY_CHECKS=0, sql_safe_updates=0, session_replication_role=replica, PRAGMA foreign_keys=OFF, DISABLE TRIGGER ALL): orphaned rows and unguarded bulk changes. A switch alone, as in a dump or restore, passes.',
    message: '{{verb}} on {{target}} runs with {{switches}}',
    safer: 'Leave the checks on and delete children before parents, or turn the switch back on before any DELETE/UPDATE.',
  },
  check(stmt, ctx) {
    if (stmt.switchesOff.length === 0 || !GUARDED.test(stmt.verb)) return;
    const name = stmt.objects[0] ?? '?';
    if (isScratchTable(stmt, name)) return;
    reportRisk(stmt, ctx, 'block', {
      target: name,
      data: { verb: stmt.verb, switches: stmt.switchesOff.join(', ') },
      message: '{{verb}} on {{target}} runs with {{switches}}',
      signals: stmt.switchesOff.map((s) => `${s} earlier in the script`),
    });
  },
  tests: {
    pause: [
      { input: { kind: 'sql', sql: 'SET FOREIGN_KEY_CHECKS=0; DELETE FROM users WHERE id = 7;', dialect: 'mysql' } },
      { input: { kind: 'sql', sql: 'SET FOREIGN_KEY_CHECKS = 0;\nDELETE FROM orders;\nSET FOREIGN_KEY_CHECKS = 1;', dialect: 'mysql' } },
      { input: { kind: 'sql', sql: 'SET SQL_SAFE_UPDATES = 0; UPDATE users SET plan = 2 WHERE plan = 1;', dialect: 'mysql' } },
      { input: { kind: 'sql', sql: 'SET @@session.foreign_key_checks = OFF; TRUNCATE parents;', dialect: 'mariadb' } },
      "SET session_replication_role = 'replica'; DELETE FROM accounts WHERE id = 3;",
      'SET session_replication_role TO replica; UPDATE accounts SET owner_id = 1 WHERE id = 3;',
      { input: { kind: 'sql', sql: 'PRAGMA foreign_keys=OFF; DELETE FROM users WHERE id = 1;', dialect: 'sqlite' } },
      { input: { kind: 'sql', sql: 'PRAGMA foreign_keys = 0;\nDROP TABLE users;', dialect: 'sqlite' } },
      'ALTER TABLE orders DISABLE TRIGGER ALL; DELETE FROM customers WHERE id = 9;',
      { input: { kind: 'sql', sql: '/*!40014 SET @OLD_FK=@@FOREIGN_KEY_CHECKS, FOREIGN_KEY_CHECKS=0 */;\nDELETE FROM users WHERE id = 1;', dialect: 'mysql' } },
    ],
    pass: [
      { input: { kind: 'sql', sql: 'SET FOREIGN_KEY_CHECKS=0;', dialect: 'mysql' } },
      { input: { kind: 'sql', sql: "SET FOREIGN_KEY_CHECKS=0;\nINSERT INTO users (id, name) VALUES (1, 'a');\nINSERT INTO orders (id, user_id) VALUES (1, 1);\nSET FOREIGN_KEY_CHECKS=1;", dialect: 'mysql' }, note: 'restore script' },
      { input: { kind: 'sql', sql: 'SET FOREIGN_KEY_CHECKS=0; SET FOREIGN_KEY_CHECKS=1; DELETE FROM users WHERE id = 1;', dialect: 'mysql' }, note: 'turned back on first' },
      { input: { kind: 'sql', sql: '/*!40014 SET @OLD_FOREIGN_KEY_CHECKS=@@FOREIGN_KEY_CHECKS, FOREIGN_KEY_CHECKS=0 */;\n/*!40014 SET FOREIGN_KEY_CHECKS=@OLD_FOREIGN_KEY_CHECKS */;\nDELETE FROM users WHERE id = 1;', dialect: 'mysql' }, note: 'mysqldump restores the saved value' },
      { input: { kind: 'sql', sql: 'PRAGMA foreign_keys = ON; DELETE FROM users WHERE id = 1;', dialect: 'sqlite' } },
      { input: { kind: 'sql', sql: 'PRAGMA foreign_keys;', dialect: 'sqlite' } },
      "SET session_replication_role = 'replica'; COPY users FROM '/tmp/users.csv' CSV; SET session_replication_role = DEFAULT;",
      'SET statement_timeout = 0; DELETE FROM users WHERE id = 1;',
    ],
  },
});
