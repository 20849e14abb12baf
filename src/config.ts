import path from 'node:path';

/** Settings shared by the CLI and the service, read once from the environment. */
export interface AppConfig {
  /** DATA_DIR: database, stored files and the model response cache live here. */
  dataDir: string;
  databaseFile: string;
  filesDir: string;
}

export function readAppConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const dataDir = path.resolve(env.DATA_DIR || './data');
  return {
    dataDir,
    databaseFile: path.join(dataDir, 'lessonprep.sqlite'),
    filesDir: path.join(dataDir, 'files'),
  };
}
