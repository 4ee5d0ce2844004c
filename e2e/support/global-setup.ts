import type { TestProject } from 'vitest/node';
import { startSesame } from './server';

declare module 'vitest' {
  export interface ProvidedContext {
    sesameUrl: string;
  }
}

/** One Sésame for the whole run (booting one takes seconds); every journey file drives it. */
export default async function setup(project: TestProject) {
  const sesame = await startSesame();
  project.provide('sesameUrl', sesame.baseUrl);
  console.log(`Sésame for the journeys: ${sesame.baseUrl} (${sesame.databaseKind})`);
  return () => sesame.stop();
}
