// The bell's hook: a page that changed what the notifications say (a retry,
// a fixed kontoplan, a notification read) asks the shell to read them again.
// The shell (main.js) registers the function; pages import this module, not
// main.js, so that main.js, which imports every page, is imported by none.
let handler = async () => {};

export function setUpdateNotificationsHandler(fn) { handler = fn; }

// The bell's count and the banners, read again from the server.
export function updateNotifications() { return handler(); }
