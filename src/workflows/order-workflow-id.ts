/** One workflow per canonical order: the workflow ID is what makes a duplicate intake a no-op. */
export function orderWorkflowId(orderId: string): string {
  return `order:${orderId}`;
}
