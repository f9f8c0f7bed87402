/** Connection page sizes: the resolvers', the cost limit's and the compiled reads' one source. */
export const defaultPageSize = 20;
export const maxPageSize = 100;
