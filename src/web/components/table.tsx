import type { ComponentChildren } from 'preact';

/**
 * A DSFR table that scrolls sideways inside its own frame when it is wider than the screen (a
 * 360 px phone), instead of widening the page. The scrolling frame is a named, focusable
 * region, so a keyboard can scroll it too; the caption names the table for screen readers.
 */
export function ScrollTable(props: { id: string; caption: string; children: ComponentChildren }) {
  return (
    <div class="fr-table fr-table--no-caption">
      <div class="fr-table__wrapper">
        <div class="fr-table__container" tabIndex={0} role="region" aria-label={props.caption}>
          <div class="fr-table__content">
            <table id={props.id}>
              <caption>{props.caption}</caption>
              {props.children}
            </table>
          </div>
        </div>
      </div>
    </div>
  );
}
