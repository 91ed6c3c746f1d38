import emotionStyled from '@emotion/styled';
import { supersetApi } from './supersetApi';

/**
 * Superset's own emotion `styled` when Superset 6.x publishes it (so the panel gets Superset's theme
 * from its ThemeProvider), else the emotion copy @superset-ui/core uses (before 6.0, the embedded
 * page), where the theme comes from @superset-ui/core's ThemeProvider.
 */
export function hostStyled(): typeof emotionStyled {
  return supersetApi()?.theme?.styled ?? emotionStyled;
}
