import type { Metadata, Viewport } from 'next';
import './globals.css';

export const metadata: Metadata = { title: 'meshdeck', description: 'Self-hosted control plane for overlay networks' };
export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

// Sets the theme before first paint (stored choice, else the system preference) to avoid a flash.
const themeScript = `(function(){try{var t=localStorage.getItem('meshdeck-theme');if(t!=='light'&&t!=='dark'){t=matchMedia('(prefers-color-scheme: dark)').matches?'dark':'light'}document.documentElement.dataset.theme=t}catch(e){}})()`;

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: themeScript }} />
      </head>
      <body>{children}</body>
    </html>
  );
}
