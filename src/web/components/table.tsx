import type { ComponentChildren } from 'preact';

/**
 * A DSFR table that scrolls sideways inside its own frame when it is wider than the screen (a
 * 360 px phone), instead of widening the page. The scrolling frame is a named, focusable
 * region, so a keyboard can scroll it too; the caption names the table for screen readers.
 * With `headers`, the children are the body's rows and the header row is drawn here; without,
 * the children are the whole table (`<thead>` and `<tbody>`). `multiline` lets cells wrap (a
 * long name or a browser's description), so that most tables fit a phone without scrolling.
 */
export function ScrollTable(props: { id: string; caption: string; headers?: string[]; multiline?: boolean; children: ComponentChildren }) {
  return (
    <div class={`fr-table fr-table--no-caption${props.multiline ? ' fr-table--multiline' : ''}`}>
      <div class="fr-table__wrapper">
        <div class="fr-table__container" tabIndex={0} role="region" aria-label={props.caption}>
          <div class="fr-table__content">
            <table id={props.id}>
              <caption>{props.caption}</caption>
              {props.headers ? (
                <>
                  <thead>
                    <tr>
                      {props.headers.map((h) => (
                        <th scope="col">{h}</th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>{props.children}</tbody>
                </>
              ) : (
                props.children
              )}
            </table>
          </div>
        </div>
      </div>
    </div>
  );
}
