import { ConsolePage } from '@/components/ConsolePage';
import { TrafficExplorer } from '@/components/traffic/TrafficExplorer';

export default function TrafficPage() {
  return (
    <ConsolePage section="traffic" need="audit">
      {() => <TrafficExplorer />}
    </ConsolePage>
  );
}
