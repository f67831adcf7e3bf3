import { errorText, h, render } from './dom.ts';
import { addProviderPage } from './pages/add-provider.ts';
import { changesPage } from './pages/changes.ts';
import { modelPage } from './pages/model.ts';
import { modelsPage } from './pages/models.ts';
import { providersPage } from './pages/providers.ts';

/** The server serves one shell for every page; the path says which one this is. */
async function route(path: string): Promise<void> {
  if (path === '/providers') return providersPage();
  if (path === '/providers/new') return addProviderPage();
  if (path === '/models') return modelsPage();
  if (path.startsWith('/models/')) return modelPage(decodeURIComponent(path.slice('/models/'.length)));
  if (path === '/changes') return changesPage();
  render('Not found', h('p', {}, 'No such page. ', h('a', { href: '/providers' }, 'Providers')));
}

route(location.pathname).catch((err: unknown) => render('Something went wrong', h('p', { class: 'bad' }, errorText(err))));
