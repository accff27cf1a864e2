/** asl-validator 4 ships no types; the part the tests use. */
declare module 'asl-validator' {
  export interface AslValidationResult {
    isValid: boolean;
    errors: Array<{ 'Error code': string; Message: string }>;
  }
  export default function validator(definition: object, options?: { checkPaths?: boolean; checkArn?: boolean }): AslValidationResult;
}
