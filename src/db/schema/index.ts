export * from './prefectures';
export * from './accounts';
export * from './platform';
export * from './applications';
export * from './attestations';
export * from './reminders';
export * from './support';
