/**
 * The query planner of the tests' gateways: TEST_QUERY_PLANNER=javascript runs every hub and
 * gateway process a test starts on the JavaScript planner (CI's pass on the PostgreSQL server),
 * else the default (Rust). The suite is the two planners' parity check.
 */
export function testPlannerEnv(): Record<string, string> {
  const planner = process.env.TEST_QUERY_PLANNER;
  return planner ? { QUERY_PLANNER: planner } : {};
}
