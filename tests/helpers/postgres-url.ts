/** The test PostgreSQL server's URL, naming database `name` (else the one TEST_POSTGRES_URL names). */
export function postgresDatabaseUrl(name?: string): string {
  const adminUrl = process.env.TEST_POSTGRES_URL;
  if (!adminUrl) throw new Error('TEST_POSTGRES_URL is needed for the postgresql test project');
  if (name === undefined) return adminUrl;
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
