/** An RFC 9457 problem as every service writes it (platform-common's ProblemMappers). */
export interface Problem {
  title?: string;
  status?: number;
  detail?: string;
  errors?: { field: string; reason: string }[];
  /** An extension some refusals carry: the refusal's code, e.g. a restore's `TOO_OLD` (a 409). */
  reason?: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem | null,
  ) {
    super(problem?.detail ?? problem?.title ?? `HTTP ${status}`);
    this.name = 'ApiError';
  }

  /** The reason given for one field, e.g. `from`, so a form can show it beside that field. */
  fieldError(field: string): string | undefined {
    return this.problem?.errors?.find((e) => e.field === field)?.reason;
  }
}
