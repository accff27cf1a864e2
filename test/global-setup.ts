// Replaced once the local emulators land: starts DynamoDB Local, s3rver and cognito-local once per run.
export default async function setup() {}
