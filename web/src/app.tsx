import { Provider } from '@urql/preact';
import { LocationProvider, Route, Router } from 'preact-iso';
import { client } from './client.ts';
import { paths } from './links.ts';
import { CountsPage } from './pages/counts.tsx';
import { CuratePage } from './pages/curate.tsx';
import { EntityPage } from './pages/entity.tsx';
import { MeetingPage } from './pages/meeting.tsx';
import { PathPage } from './pages/path.tsx';
import { SearchPage } from './pages/search.tsx';
import { SourcePage } from './pages/source.tsx';
import { StatementPage } from './pages/statement.tsx';
import { TimelinePage } from './pages/timeline.tsx';
import { NotFound } from './ui.tsx';

export function App() {
  return (
    <Provider value={client}>
      <LocationProvider>
        <a class="skip" href="#main">
          Skip to content
        </a>
        <header class="top">
          <a class="brand" href="/">
            News knowledge Explorer
          </a>
          <nav aria-label="Main">
            <a href={paths.search()}>Search</a>
            <a href={paths.counts}>Counts</a>
            <a href={paths.path()}>Path</a>
            <a href={paths.curate}>Curate</a>
            <a href="/graphql">GraphiQL</a>
          </nav>
        </header>
        <main id="main" tabIndex={-1}>
          <Router>
            <Route path="/" component={SearchPage} />
            <Route path="/entity/:id" component={EntityPage} />
            <Route path="/statement/:id" component={StatementPage} />
            <Route path="/meeting/:id" component={MeetingPage} />
            <Route path="/source/:id" component={SourcePage} />
            <Route path="/explore/counts" component={CountsPage} />
            <Route path="/explore/path" component={PathPage} />
            <Route path="/explore/timeline/:id" component={TimelinePage} />
            <Route path="/curate" component={CuratePage} />
            <Route default component={() => <NotFound what="page" />} />
          </Router>
        </main>
      </LocationProvider>
    </Provider>
  );
}
