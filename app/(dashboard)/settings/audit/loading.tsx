import { SettingsSkeleton } from "../_components/loading-settings";

export default function Loading() {
  return <SettingsSkeleton />;
}
