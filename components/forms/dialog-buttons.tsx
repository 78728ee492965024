import { Button } from "@/components/ui/button";

interface DialogButtonsProps {
  onCancel: () => void;
  submitLabel: string;
  pending: boolean;
}

/** Cancel and the submit button at the foot of a dialog's form. */
export function DialogButtons({ onCancel, submitLabel, pending }: DialogButtonsProps) {
  return (
    <div className="flex justify-end gap-2">
      <Button variant="secondary" onClick={onCancel}>
        Cancel
      </Button>
      <Button type="submit" disabled={pending}>
        {submitLabel}
      </Button>
    </div>
  );
}
