import { SettingsSkeleton } from "../../../settings/_components/loading-settings";

export default function Loading() {
  return <SettingsSkeleton />;
}
