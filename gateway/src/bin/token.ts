// `npm run --silent token -- --role editor --ags 05970040` prints a development token on stdout.
// Development and tests only: production tokens come from the identity provider.
import '@welcome-hub/kit/require-node';
import { parseArgs } from 'node:util';
import {
  ROLES,
  TokenLifetimeError,
  commonEnv,
  configOrExit,
  isAgs,
  issueToken,
  maxTokenLifetimeSeconds,
  parseConfig,
  type Role,
} from '@welcome-hub/kit';

const usage = `Usage: npm run --silent token -- --role <editor|coordinator> [--ags 05970040[,05966024]] [--sub name] [--expires 8h] [--tier partner]
  --expires: at most JWT_MAX_LIFETIME_SECONDS (default 8 h); default 8h, or that maximum when shorter.
  --tier: a rate-limit tier of RATE_LIMIT_TIERS, to try a partner system's allowance.`;

if (process.env.NODE_ENV === 'production') {
  console.error(
    'npm run token mints development tokens and is refused with NODE_ENV=production: take tokens from your identity provider (JWT_JWKS_URL), or run it without NODE_ENV=production against a development hub.',
  );
  process.exit(1);
}

const options = {
  role: { type: 'string' },
  ags: { type: 'string', multiple: true },
  sub: { type: 'string' },
  expires: { type: 'string' },
  tier: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;
/** The command line's options, or exit 2 with the usage. */
function readArgs() {
  try {
    return parseArgs({ options }).values;
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage}`);
    process.exit(2);
  }
}
const args = readArgs();
if (args.help) {
  console.log(usage);
  process.exit(0);
}
const problems: string[] = [];
if (!args.role || !ROLES.includes(args.role as Role)) problems.push(`--role must be one of ${ROLES.join(', ')}`);
const ags = (args.ags ?? [])
  .flatMap((a) => a.split(','))
  .map((a) => a.trim())
  .filter(Boolean);
for (const a of ags) if (!isAgs(a)) problems.push(`--ags ${a}: must be an 8-digit AGS such as 05970040`);
if (args.tier !== undefined && !/^[a-z0-9-]{1,20}$/.test(args.tier))
  problems.push(`--tier ${args.tier}: must be a tier name such as partner`);
if (args.role === 'editor' && ags.length === 0)
  problems.push('--ags is required for editors: the municipalities they may write');
if (problems.length > 0) {
  console.error(`${problems.join('\n')}\n${usage}`);
  process.exit(2);
}
const config = configOrExit(() => parseConfig(commonEnv));
/** The signed token, or exit 2 when --expires is beyond what the configuration allows. */
async function signToken(): Promise<string> {
  try {
    return await issueToken(config, {
      sub: args.sub ?? `dev-${args.role}${ags.length ? `-${ags.join('-')}` : ''}`,
      role: args.role as Role,
      ags,
      tier: args.tier,
      // Without --expires: 8 h, or the configured maximum when that is shorter.
      expiresIn: args.expires ?? Math.min(8 * 3600, maxTokenLifetimeSeconds(config)),
    });
  } catch (error) {
    if (!(error instanceof TokenLifetimeError)) throw error;
    console.error(`--expires ${args.expires}: ${error.message}\n${usage}`);
    process.exit(2);
  }
}
const token = await signToken();
process.stdout.write(`${token}\n`);
