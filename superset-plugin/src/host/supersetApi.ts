import type emotionStyled from '@emotion/styled';

type Translate = (text: string, ...args: unknown[]) => string;

/**
 * The parts of window.superset the panel uses. From 6.0 Superset's frontend publishes its
 * @apache-superset/core there (translation, theme) once a user is logged in; the copy of
 * @superset-ui/core it shares with plugins no longer has t or styled.
 */
export interface SupersetApi {
  translation?: { t?: Translate };
  theme?: { styled?: typeof emotionStyled };
}

export function supersetApi(): SupersetApi | undefined {
  return (globalThis as { superset?: SupersetApi }).superset;
}
