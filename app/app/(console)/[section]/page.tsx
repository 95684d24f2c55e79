import { notFound } from 'next/navigation';
import { sectionBySlug } from '@/components/sections';

// Sections whose pages are not built yet say so plainly instead of pretending.
export default async function SectionPage({ params }: { params: Promise<{ section: string }> }) {
  const { section } = await params;
  const s = sectionBySlug(section);
  if (!s || s.ready) notFound();
  return (
    <>
      <h1>{s.title}</h1>
      <p className="lead">{s.about}</p>
      <div className="panel" data-testid="not-built">
        <strong>Not built yet.</strong> This section of the console is planned and not available in this version of meshdeck.
      </div>
    </>
  );
}
