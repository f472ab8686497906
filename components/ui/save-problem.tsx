"use client";

import { Alert } from "./alert";
import { Button } from "./button";

/**
 * Why a save failed. When someone else saved first (a conflict), the person may drop their edits
 * for the latest version; until they choose to, their text stays in the form.
 */
export function SaveProblem({
  message,
  conflict,
  onLoadLatest,
}: {
  message: string;
  conflict: boolean;
  onLoadLatest: () => void;
}) {
  return (
    <Alert tone="error">
      <p>{message}</p>
      {conflict && (
        <Button variant="secondary" className="mt-2" onClick={onLoadLatest}>
          Discard my edits and load the latest version
        </Button>
      )}
    </Alert>
  );
}
