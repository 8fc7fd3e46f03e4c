// The operator's views (role "admin"): shown in the navigation only to operators; the API refuses the
// calls of anyone else with a 403 the page shows like any problem.

export const routes = [];

/** Links in the operator's navigation, in order. */
export const links = [];
