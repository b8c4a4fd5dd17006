// Suggests the browser's own time zone for the digest, until the person has saved a choice.
const select = document.querySelector('select[data-browser-zone="suggest"]');
if (select) {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (zone && [...select.options].some((option) => option.value === zone)) {
    select.value = zone;
  }
}
