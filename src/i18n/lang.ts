/** The languages of every reply: Vietnamese by default, English when the user writes or reads English. */
export type Lang = "vi" | "en";
