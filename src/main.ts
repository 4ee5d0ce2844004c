import { boot, startRole, type Role } from './boot';
import { ConfigError, loadConfig } from './config';
import QRCode from 'qrcode';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET, seedDemoData } from './db/seed/demo';
import { verifyAuditChain } from './platform/audit';
import { groupedSecret, otpauthUri } from './platform/totp';

/**
 * Entry point: `tsx src/main.ts <role>` where role is `web`, `worker` or `all` (web + worker in
 * one process, what `npm start` runs), or a maintenance command: `migrate`, `audit:verify`.
 */
async function main() {
  const command = process.argv[2] ?? 'all';
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }

  const services = await boot(config);

  if (command === 'migrate') {
    await services.close();
    console.log('Migrations applied.');
    return;
  }
  if (command === 'audit:verify') {
    const result = await verifyAuditChain(services.db);
    await services.close();
    if (result.ok) {
      console.log(`Audit chain intact: ${result.checked} events checked.`);
      return;
    }
    console.error(`Audit chain BROKEN at event #${result.brokenAt}: ${result.reason} (${result.checked} events before it are intact).`);
    process.exit(2);
  }
  if (!['web', 'worker', 'all'].includes(command)) {
    console.error(`Unknown role or command "${command}". Use: web | worker | all | migrate | audit:verify`);
    process.exit(1);
  }

  const demo = config.demoData && command !== 'worker' ? await seedDemoData(services) : null;
  const app = await startRole(services, command as Role);

  if (app) {
    const url = `http://localhost:${config.PORT}`;
    console.log(`\nSésame is running at ${url} (role: ${command}, database: ${services.database.kind})`);
    if (services.database.kind === 'pglite') console.log('Embedded PGlite database: for trying Sésame only, never for production.');
    if (!config.isProduction) console.log(`E-mails and SMS are kept at ${url}/dev/outbox`);
    if (demo) {
      console.log(`\nDemo accounts (password for all: ${DEMO_PASSWORD}):`);
      for (const d of demo) console.log(`  ${d.role.padEnd(15)} ${d.prefectureCode ?? '--'}  ${d.email}`);
      const uri = otpauthUri({ secret: DEMO_TOTP_SECRET, account: 'agents@demo.sesame.localhost', issuer: 'Sésame' });
      console.log('\nEvery account but the applicant also asks for a code from an authenticator app (FreeOTP, Aegis,');
      console.log('Google Authenticator…). Scan this QR code, or add the key by hand as a time-based account:');
      console.log(`  ${groupedSecret(DEMO_TOTP_SECRET)}`);
      console.log(await QRCode.toString(uri, { type: 'terminal', small: true }));
    }
  }

  const shutdown = async (signal: string) => {
    services.logger.info({ signal }, 'shutting down');
    await app?.close();
    await services.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
