import { flushRecords } from './records';

// Runs after the last test of each integration test file (jest's setupFilesAfterEnv).
afterAll(() => flushRecords());
