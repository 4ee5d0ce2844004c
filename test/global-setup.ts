import type { TestProject } from 'vitest/node';
import { createTemplate, dropTemplate, type TemplateInfo } from './support/template-db';

declare module 'vitest' {
  export interface ProvidedContext {
    template: TemplateInfo;
  }
}

/** Once per run: a migrated template database every test file copies. */
export default async function setup(project: TestProject) {
  const url = process.env.TEST_DATABASE_URL;
  const template = await createTemplate(url);
  project.provide('template', template);
  return async () => {
    await dropTemplate(url, template);
  };
}
